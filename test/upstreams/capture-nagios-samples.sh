#!/usr/bin/env bash
# capture-nagios-samples.sh OUTDIR [NAGIOS_DIR]
#
# Captures what a real Nagios Core 4 says, for the parser unit tests: status.dat as the daemon wrote
# it, and the statusjson.cgi/objectjson.cgi answers (served by lighttpd, as Radiator's url mode reads
# them). Writes into OUTDIR the files samples/INDEX.md lists for nagios/, plus extras that are not
# committed (nagios.log, objects.cache, objectjson-*.json).
#
# Without NAGIOS_DIR it starts its own instance in a temporary directory (start-nagios.sh, then
# nagios-cgi-server.sh) and stops it again when done. With NAGIOS_DIR it reads the instance those
# scripts already run there (its DIR/nagios.env), and leaves it running.
#
# The committed samples (samples/nagios) are pinned by the tests: their times (info.created, query_time)
# and states are asserted. Capture into a scratch directory; replacing samples/nagios means updating
# those tests too.
#   test/upstreams/capture-nagios-samples.sh /tmp/nagios-samples
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

[[ $# -ge 1 && $# -le 2 && -n $1 ]] || { sed -n '2,16p' "$0" >&2; exit 2; }
need_bin curl
OUT=$(abs_dir "$1")

if [[ $# -eq 2 ]]; then
  DIR=$(cd "$2" && pwd -P)
  [[ -f $DIR/nagios.env ]] || die "$DIR/nagios.env missing - start-nagios.sh and nagios-cgi-server.sh $DIR first"
else
  DIR=$(mktemp -d "${TMPDIR:-/tmp}/radiator-nagios-capture-XXXXXX")
  cleanup() { "$HERE/stop-nagios.sh" "$DIR" >/dev/null 2>&1 || true; rm -rf "$DIR"; }
  trap cleanup EXIT
  log "starting a Nagios of our own in $DIR"
  "$HERE/start-nagios.sh" "$DIR" >/dev/null
  "$HERE/nagios-cgi-server.sh" "$DIR" >/dev/null
fi

# the KEY=VALUE lines of the start scripts, without sourcing them
env_value() { sed -n "s/^$1=//p" "$DIR/nagios.env" | tail -1; }
BASE=$(env_value NAGIOS_CGI_BASE)
CGI_USER=$(env_value NAGIOS_CGI_USER)
CGI_PASSWORD=$(env_value NAGIOS_CGI_PASSWORD)
STATUS_DAT=$(env_value STATUS_DAT)
[[ -n $BASE && -n $CGI_USER && -n $STATUS_DAT ]] || die "no CGI server recorded in $DIR/nagios.env - run nagios-cgi-server.sh $DIR"
[[ -s $STATUS_DAT ]] || die "no status.dat at $STATUS_DAT - is Nagios running?"

# get FILE CGI QUERY [USER:PASSWORD]: the answer body, which must be JSON with a result envelope
get() {
  local file=$1 cgi=$2 query=$3 auth=${4:-$CGI_USER:$CGI_PASSWORD}
  curl -sS --fail -u "$auth" -o "$OUT/$file" "$BASE/$cgi?$query" || die "GET $cgi?$query failed"
  grep -q '"type_code"' "$OUT/$file" || die "$file: not a Nagios JSON CGI answer"
}

# status.dat first, so it and the CGI answers (which read the same file) describe the same moment
cp "$STATUS_DAT" "$OUT/status.dat"

get statusjson-programstatus.json statusjson.cgi 'query=programstatus'
curl -sS --fail -i -u "$CGI_USER:$CGI_PASSWORD" -o "$OUT/statusjson-programstatus.http" "$BASE/statusjson.cgi?query=programstatus"
get statusjson-hostlist-details.json statusjson.cgi 'query=hostlist&details=true'
get statusjson-servicelist-details.json statusjson.cgi 'query=servicelist&details=true'
get statusjson-hostlist-details-enumerate.json statusjson.cgi 'query=hostlist&details=true&formatoptions=enumerate'
get statusjson-servicelist-details-enumerate.json statusjson.cgi 'query=servicelist&details=true&formatoptions=enumerate'
get statusjson-servicelist-problems-enumerate.json statusjson.cgi 'query=servicelist&servicestatus=warning+critical+unknown&formatoptions=enumerate'
get statusjson-hostlist.json statusjson.cgi 'query=hostlist'
get statusjson-servicelist.json statusjson.cgi 'query=servicelist'
get statusjson-hostcount.json statusjson.cgi 'query=hostcount'
get statusjson-servicecount.json statusjson.cgi 'query=servicecount'
get statusjson-downtimelist-details.json statusjson.cgi 'query=downtimelist&details=true'
get statusjson-commentlist-details.json statusjson.cgi 'query=commentlist&details=true'
get statusjson-service-one.json statusjson.cgi 'query=service&hostname=db01&servicedescription=Replication&formatoptions=enumerate'
get statusjson-hostlist-as-webteam.json statusjson.cgi 'query=hostlist&details=false' webteam:webteam
# an unknown query: HTTP 200 with type_code 6
get statusjson-bad-query.json statusjson.cgi 'query=nosuchquery'
# the CGI itself with an empty REMOTE_USER (no web server): "Success" with an empty list
"$HERE/nagios-cgi.sh" "$DIR" 'query=hostlist&details=true' '' > "$OUT/statusjson-hostlist-no-remote-user.json"
# no credentials: lighttpd's 401 page, headers included (no --fail: the 401 is the point)
curl -sS -i -o "$OUT/statusjson-no-auth-401.http" "$BASE/statusjson.cgi?query=programstatus"
grep -q '^HTTP/[0-9.]* 401' "$OUT/statusjson-no-auth-401.http" || die "expected a 401 without credentials"

# the object configuration the daemon ran with, and extras that are not committed
cp "$DIR/objects.cfg" "$OUT/objects.cfg"
cp "$DIR/var/objects.cache" "$OUT/objects.cache"
cp "$(env_value NAGIOS_LOG)" "$OUT/nagios.log"
get objectjson-hostgrouplist-details.json objectjson.cgi 'query=hostgrouplist&details=true'
get objectjson-servicegrouplist-details.json objectjson.cgi 'query=servicegrouplist&details=true'

log "captured $(find "$OUT" -maxdepth 1 -type f | wc -l) files into $OUT"
echo "SAMPLES_DIR=$OUT"
