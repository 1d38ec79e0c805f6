#!/bin/sh
# Creates each department's signing key and the membership file in /keys, once.
set -eu
cd /keys
[ -f membership.json ] && exit 0
entries=""
for d in market fire culture education; do
  [ -f "$d.signing" ] || supervision-agent keygen --out "$d.signing" > "$d.pub"
  entries="$entries{\"id\":\"$d\",\"busEndpoint\":\"tcp://$d:7100\",\"signingKeys\":{\"0\":\"$(cat "$d.pub")\"}},"
done
printf '{"version":1,"departments":[%s]}\n' "${entries%,}" > membership.json.tmp
mv membership.json.tmp membership.json
