#!/bin/sh
#  Point-to-point tunneling mode.
#
#  Run this script on Astro with no switches.  
#  Run this script on Elroy with the '-r' (right) switch.
#
#  The IPsec guide's script ("George's Second Effort"). FIX: as in the transport
#  script, '-r' must not swap the SA descriptors' addresses, or the two hosts disagree on SPI
#  direction; the descriptors use fixed addresses (astro, elroy) on both hosts.

# IP addresses for communicating machines
ip_left=192.168.1.11
ip_right=192.168.1.12
astro=$ip_left
elroy=$ip_right
if [ "$1" = "-r" ] ;then ip=$ip_left ; ip_left=$ip_right ; ip_right=$ip; fi

# Replace these keys with freshly generated random ones
key_ah1=0x0123456789abcdef0123456789abcdef
key_ah2=0x0123456789abcdef0123456789abcdef
key_esp1=0x0123456789abcdef0123456789abcdef0123456789abcdef
key_esp2=0x0123456789abcdef0123456789abcdef0123456789abcdef

setkey -c <<EOF
# Flush the descriptors and the policy
flush;
spdflush;

# Descriptors
add $astro $elroy esp 0x1000 -m tunnel 
  -E 3des-cbc $key_esp1 -A hmac-md5 $key_ah1;
add $elroy $astro esp 0x1001 -m tunnel
  -E 3des-cbc $key_esp2 -A hmac-md5 $key_ah2;

# Policies
spdadd $ip_left  $ip_right any -P out ipsec
  esp/tunnel/$ip_left-$ip_right/require;

spdadd $ip_right $ip_left  any -P in  ipsec 
  esp/tunnel/$ip_right-$ip_left/require;
EOF
