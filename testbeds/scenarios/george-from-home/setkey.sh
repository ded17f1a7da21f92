#!/bin/sh
#  George working from using an IPSEC tunnel mode.
#
#  Run this script on Astro with no switches.  
#  Run this script on GW-HQ with the '-r' (right) switch.
#
#  The IPsec guide's script ("George Works from Home"). FIXES: ip_right is GW-HQ,
#  10.10.10.10 in the guide's picture; the guide's 10.20.20.20 is GW-Warehouse, which has no
#  part in this tunnel. And '-r' must not swap the SA descriptors' addresses (the hosts would
#  disagree on SPI direction); the descriptors use fixed addresses (astro, gw_hq).

# IP addresses for communicating machines
ip_left=10.30.30.30
net_left=10.30.30.30
ip_right=10.10.10.10
net_right=172.16.10.0/24
astro=$ip_left
gw_hq=$ip_right
if [ "$1" = "-r" ] ;then ip=$ip_left ; ip_left=$ip_right ; ip_right=$ip; fi
if [ "$1" = "-r" ] ;then net=$net_left ; net_left=$net_right ; net_right=$net; fi

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
add $astro $gw_hq esp 0x1000 -m tunnel 
  -E 3des-cbc $key_esp1 -A hmac-md5 $key_ah1;
add $gw_hq $astro esp 0x1001 -m tunnel
  -E 3des-cbc $key_esp2 -A hmac-md5 $key_ah2;

# Policies
spdadd $net_left  $net_right any -P out ipsec
  esp/tunnel/$ip_left-$ip_right/require;

spdadd $net_right $net_left  any -P in  ipsec 
  esp/tunnel/$ip_right-$ip_left/require;
EOF
