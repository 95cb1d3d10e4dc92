#!/usr/bin/env bash
# capture-icinga2-samples.sh OUTDIR [ICINGA2_DIR]
#
# Captures Icinga 2 REST API answers for the parser unit tests into OUTDIR: the files samples/INDEX.md
# lists for icinga2/. Without ICINGA2_DIR it starts its own instance in a temporary directory
# (start-icinga2.sh) and stops it when done; with ICINGA2_DIR it reads the instance start-icinga2.sh
# runs there (DIR/icinga2.env) and leaves it running. JSON is pretty-printed (python3 -m json.tool,
# or node when python3 is absent). The committed samples are pinned by tests: capture into a scratch
# directory, and update the tests if you replace samples/icinga2.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

[[ $# -ge 1 && $# -le 2 && -n $1 ]] || { sed -n '2,10p' "$0" >&2; exit 2; }
need_bin curl
OUT=$(abs_dir "$1")
if [[ $# -eq 2 ]]; then
  DIR=$(cd "$2" && pwd -P)
  [[ -f $DIR/icinga2.env ]] || die "$DIR/icinga2.env missing - run start-icinga2.sh $DIR first"
else
  DIR=$(mktemp -d "${TMPDIR:-/tmp}/radiator-icinga2-capture-XXXXXX")
  cleanup() { "$HERE/stop-icinga2.sh" "$DIR" >/dev/null 2>&1 || true; rm -rf "$DIR"; }
  trap cleanup EXIT
  log "starting an Icinga 2 of our own in $DIR"
  "$HERE/start-icinga2.sh" "$DIR" >/dev/null
fi
env_value() { sed -n "s/^$1=//p" "$DIR/icinga2.env" | tail -1; }
PORT=$(env_value ICINGA2_API_PORT)
CA=$(env_value ICINGA2_CA_CRT)
API_USER=$(env_value ICINGA2_API_USER)
API_PASSWORD=$(env_value ICINGA2_API_PASSWORD)
[[ -n $PORT && -n $CA ]] || die "no API recorded in $DIR/icinga2.env"

# the certificate's CN is the NodeName, so verify against that name
U=https://radiator-icinga:$PORT/v1
RESOLVE=(--resolve "radiator-icinga:$PORT:127.0.0.1")
c() { curl -sS --cacert "$CA" "${RESOLVE[@]}" -u "$API_USER:$API_PASSWORD" -H 'Accept: application/json' "$@"; }
pretty() {
  if command -v python3 >/dev/null; then python3 -m json.tool > "$OUT/$1"
  else node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.stringify(JSON.parse(s), null, 4)))' > "$OUT/$1"; fi
}
A='attrs=name&attrs=display_name&attrs=state&attrs=state_type&attrs=last_check_result&attrs=last_state_change&attrs=acknowledgement&attrs=downtime_depth&attrs=handled&attrs=last_reachable&attrs=enable_active_checks'

c "$U/status/IcingaApplication" | pretty icinga2-status-IcingaApplication.json
c "$U/objects/hosts?$A" | pretty icinga2-objects-hosts.json
c "$U/objects/services?$A&joins=host.name&joins=host.state" | pretty icinga2-objects-services.json
c -X POST -H 'X-HTTP-Method-Override: GET' "$U/objects/services" \
  -d '{"filter":"service.state!=ServiceOK && !service.handled","attrs":["name","state","last_check_result"]}' | pretty icinga2-objects-services-unhandled-problems.json
c "$U/objects/downtimes" | pretty icinga2-objects-downtimes.json
c "$U/objects/comments" | pretty icinga2-objects-comments.json
# error answers with their headers (no --fail: the error is the point)
c -i "$U/objects/hosts/nosuchhost" > "$OUT/icinga2-404.http" || true
curl -sS -k -i -u nobody:wrong "${RESOLVE[@]}" "$U/status" > "$OUT/icinga2-401.http" || true
curl -sS -k -i -u viewer:viewer -X POST -H 'Accept: application/json' "${RESOLVE[@]}" \
  "$U/actions/reschedule-check" -d '{"type":"Host","filter":"true"}' > "$OUT/icinga2-viewer-action-without-permission.http" || true
grep -q '^HTTP/[0-9.]* 401' "$OUT/icinga2-401.http" || die "expected a 401 for bad credentials"
cp "$DIR/icinga2.conf" "$OUT/icinga2.conf"

log "captured $(find "$OUT" -maxdepth 1 -type f | wc -l) files into $OUT"
echo "SAMPLES_DIR=$OUT"
