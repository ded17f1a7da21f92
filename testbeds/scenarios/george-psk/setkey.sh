#!/bin/sh
#  Point-to-point transport mode, keys negotiated by racoon.
#
#  Run this script on Astro with no switches.
#  Run this script on Elroy with the '-r' (right) switch.
#
#  The guide's "A Simple Example" with its SA descriptors (add ...) left out: racoon makes the
#  SAs when the first packet meets a policy. ESP only: the guide asks for AH and ESP together,
#  a bundle the daemon does not negotiate yet.

# IP addresses for communicating machines
ip_left=192.168.1.11
ip_right=192.168.1.12
if [ "$1" = "-r" ] ;then ip=$ip_left ; ip_left=$ip_right ; ip_right=$ip; fi

setkey -c <<EOF
# Flush the descriptors and the policy
flush;
spdflush;

# Policies
spdadd $ip_left  $ip_right any -P out ipsec
  esp/transport//require;

spdadd $ip_right $ip_left  any -P in  ipsec
  esp/transport//require;
EOF
