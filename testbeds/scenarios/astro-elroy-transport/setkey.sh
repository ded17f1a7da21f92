#!/bin/sh
#  Point-to-point transport mode.
#
#  Run this script on Astro with no switches.  
#  Run this script on Elroy with the '-r' (right) switch.
#
#  The IPsec guide's script ("A Simple Example"). FIX: the guide's '-r' also swaps
#  the addresses of the SA descriptors, so Elroy would install 0x1000/0x1002 for Elroy->Astro
#  while Astro sends with them towards Elroy: the hosts disagree on which SPI belongs to which
#  direction and no packet is accepted. The descriptors below use fixed addresses (astro, elroy)
#  on both hosts; only the policies swap sides.

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
add $astro $elroy ah  0x1000 -A hmac-md5 $key_ah1;
add $elroy $astro ah  0x1001 -A hmac-md5 $key_ah2;

add $astro $elroy esp 0x1002 -E 3des-cbc $key_esp1;
add $elroy $astro esp 0x1003 -E 3des-cbc $key_esp2;

# Policies
spdadd $ip_left  $ip_right any -P out ipsec
  esp/transport//require  ah/transport//require;

spdadd $ip_right  $ip_left any -P in  ipsec
  esp/transport//require  ah/transport//require;
EOF
