#!/bin/sh
# Makes the certificate folders of kays-koffee as the guide describes them (its CA howto is not
# part of the guide): one CA, a certificate and key for Astro and for GW-HQ, and in each host's
# folder the CA certificate, its own certificate and key, and the subject-hash links racoon
# looks certificates up by. Run once; the result is committed.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 7300 -subj "/C=US/O=Cogswell Cogs/CN=Cogswell Cogs CA" \
  -keyout "$tmp/cakey.pem" -out "$tmp/cacert.pem" 2>/dev/null
for host in astro gwhq; do
  dir=cert-$host
  rm -rf "$dir" && mkdir "$dir"
  openssl req -newkey rsa:2048 -nodes -subj "/C=US/O=Cogswell Cogs/CN=$host" \
    -keyout "$dir/ipsec_${host}_key.pem" -out "$tmp/$host.csr" 2>/dev/null
  openssl x509 -req -in "$tmp/$host.csr" -CA "$tmp/cacert.pem" -CAkey "$tmp/cakey.pem" -CAcreateserial \
    -days 7300 -out "$dir/ipsec_${host}_cert.pem" 2>/dev/null
  cp "$tmp/cacert.pem" "$dir/"
  # the guide's "Create hash links"
  (cd "$dir" && ln -s cacert.pem "$(openssl x509 -in cacert.pem -noout -hash).0" \
     && ln -s "ipsec_${host}_cert.pem" "$(openssl x509 -in "ipsec_${host}_cert.pem" -noout -hash).0")
done
