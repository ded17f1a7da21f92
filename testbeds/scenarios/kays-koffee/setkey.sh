#!/bin/sh
#  George working from using an IPSEC tunnel mode.
#
#  Run this script on Astro with no switches.
#
#  The guide's script, fixed where it is not shell:
#  - "function lookuphost () {" is bash only (sh stops there), and the function ran the address
#    as a command ("$a") instead of printing it;
#  - "ip_right=lookuphost(...)" is not how sh calls a function: ip_right=`lookuphost NAME`;
#  - "head -1\ " continues nothing: the backslash escapes the space after it, not the newline;
#  - the address is read from ath0 though dev names the device; dev is used now, and is the
#    testbed's device;
#  - the testbed has no DNS: lookuphost looks in /etc/hosts too (getent) and, for a name it does
#    not find, GW-HQ's public address 10.10.10.10 is given directly.

# Convert hostnames to IP addresses
lookuphost () {
  a=`getent ahostsv4 "$1" | head -1 | cut -d' ' -f1`
  if [ "$a" = "" ] ; then echo "No address for hostname $1." >&2; exit 1 ; fi
  echo "$a"
}

# Device name for device handling IPSEC traffic
dev=veth-astro

# IP addresses for communicating machines
ip_left=`ip -4 addr list dev $dev primary | grep inet | head -1 \
       | sed -e "s/ *inet *//" | sed -e "s/\([0-9.]\+\).*/\1/"`
net_left=$ip_left
ip_right=`lookuphost 10.10.10.10`    # gwhq.cogwellcogs.co.mars
net_right=172.16.10.0/24

setkey -c <<EOF
# Flush the descriptors and the policy
flush;
spdflush;

# Policies
spdadd $net_left  $net_right any -P out ipsec
  esp/tunnel/$ip_left-$ip_right/require;

spdadd $net_right $net_left  any -P in  ipsec
  esp/tunnel/$ip_right-$ip_left/require;
EOF
