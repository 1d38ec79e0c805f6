#!/bin/sh
# Creates, once, in the keys volume (/keys) what config/<department>.json names:
#   /keys/authority/                 the configuration authority: authority-0.key, anchor.json
#   /keys/<department>/              each department's keys: curve.key, signing-0.key (mode 0600)
#   /keys/membership.draft.json      the membership draft: entries and data rights
#   /keys/membership.signed.json     the membership, version 1, signed by the authority (90 days)
# The same steps as for a real bus (README, "A new department"), on one host: there, each
# department generates its keys on its own machine and the authority keeps its key to itself.
set -eu
cd "${JS_KEYS_VOLUME:-/keys}"
[ -f membership.signed.json ] && exit 0
[ -f authority/anchor.json ] || jointctl keys generate --authority compose-authority --dir authority >/dev/null

# 部门数据职责清单: every department receives the coordination kinds, and findings and referrals
# only in the categories it is responsible for.
kinds='"intent","draw","plan.proposal","plan.vote","assignment","referral.ack","outcome","membership","finding","referral"'
categories() {
  case "$1" in
    market) echo '"food-safety","business-registration","price","advertising","prepaid-cards"' ;;
    fire) echo '"fire-safety"' ;;
    culture) echo '"content","minors-protection","culture-licensing","prepaid-cards"' ;;
    education) echo '"licensing","teaching-practice","staff","prepaid-funds"' ;;
  esac
}

entries=""
# The city's departments, and two districts' bureaus (<district>-<kind>: placed by --kind and
# --jurisdiction; their rights follow their kind).
for d in market fire culture education pudong-market pudong-fire minhang-market minhang-fire; do
  [ -f "$d/curve.key" ] || jointctl keys generate --dir "$d" >/dev/null
  kind=$d; placement=""
  case "$d" in *-*) kind=${d#*-}; placement="--kind $kind --jurisdiction ${d%%-*}" ;; esac
  # The entry as one line of JSON, "receives" empty (deny by default): grant the rights.
  # shellcheck disable=SC2086
  entry=$(jointctl keys show --dir "$d" --department "$d" --endpoint "tcp://$d:7100" $placement --entry-only)
  rights="\"receives\":{\"categories\":[$(categories "$kind")],\"kinds\":[$kinds]}"
  entry=$(printf '%s' "$entry" | sed "s|\"receives\":{\"categories\":\[\],\"kinds\":\[\]}|$rights|")
  entries="$entries${entries:+,}$entry"
done
printf '{"version":1,"departments":[%s]}\n' "$entries" > membership.draft.json
jointctl membership sign --authority authority --in membership.draft.json --out membership.signed.json --valid-days 90
