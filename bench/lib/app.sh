# Sourced by the benchmarks: starts a stand-in OIDC provider and the built application (JVM with
# APP_JAVA_OPTS, default the options k8s/base/deployment.yaml gives; port 18080; APP_DIR, below) on the city dataset, and
# stops both on exit. Defines TOKEN (an admin's), q (a psql query on the dataset), body (writes a
# GraphQL request body), wrk_run, app_ready_ms (from the process's start to its first successful
# GraphQL answer on the public port) and app_started_in (Quarkus's own "started in" figure).
# BENCH_SETUP, when set, is run (eval) before the application starts, with q defined.
bench_db=${BENCH_DB:-wangge_bench}
issuer=http://127.0.0.1:18180/realms/wangge
mkdir -p target/bench
q() { psql -h 127.0.0.1 -U postgres -d "$bench_db" -tAc "$1"; }
body() { printf '%s' "$2" > "target/bench/$1.json"; }
# a port still taken (a server left from an earlier run) would answer in our place: refuse
for port in 18080 18090 18180; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    echo "port $port is in use (a server from an earlier run?): stop it first" >&2; exit 1
  fi
done
# APP_DIR: another build to measure (a copy of a target/quarkus-app); by default the one built
# here, (re)built when the jar is missing or older than the sources
app_dir=${APP_DIR:-target/quarkus-app}
if [ -z "${APP_DIR:-}" ] && { [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src pom.xml -newer target/quarkus-app/quarkus-run.jar -print -quit)" ]; }; then
  ./mvnw -B -q package -DskipTests
fi
[ -z "${BENCH_SETUP:-}" ] || eval "$BENCH_SETUP"
python3 bench/lib/oidc.py 18180 & oidc=$!
trap 'kill $oidc 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf $issuer/.well-known/openid-configuration > /dev/null && break; sleep 0.1; done
TOKEN=$(bench/lib/token.sh $issuer bench-admin admin)
export TOKEN
key=$(openssl rand -base64 32)
# the JVM options of k8s/base/deployment.yaml
default_java_opts=$(sed -n '/name: JAVA_TOOL_OPTIONS/{n;s/.*value: "\(.*\)"/\1/p}' k8s/base/deployment.yaml)
app_started=$(date +%s%N)
# run from its directory: the class-data archive built with it (app-cds.jsa) names the jar relatively
(cd $app_dir && DB_REACTIVE_URL=postgresql://127.0.0.1:5432/$bench_db DB_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$bench_db \
  DB_USER=postgres OIDC_AUTH_SERVER_URL=$issuer OIDC_ISSUER=$issuer WANGGE_DATA_KEYS="b=$key" WANGGE_DATA_KEY_ID=b \
  WANGGE_HASH_KEY="$key" WANGGE_URL_KEY="$key" QUARKUS_HTTP_PORT=18080 QUARKUS_MANAGEMENT_PORT=18090 \
  MALLOC_ARENA_MAX=2 exec java ${APP_JAVA_OPTS:-$default_java_opts} -XX:SharedArchiveFile=app-cds.jsa -jar quarkus-run.jar) > target/bench/app.log 2>&1 &
app=$!
trap 'kill $app $oidc 2>/dev/null || true' EXIT
# ready = the first request on the public port that GraphQL answers with data (a signed token
# validated, the schema built, the pool connected), polled every 10 ms from the process's start
app_ready_ms=
deadline=$(( app_started + 60000000000 ))
while [ "$(date +%s%N)" -lt $deadline ]; do
  kill -0 $app 2>/dev/null || { echo "the application stopped while starting:" >&2; tail -20 target/bench/app.log >&2; exit 1; }
  if curl -s -m 2 -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -d '{"query":"{ __typename }"}' \
       http://127.0.0.1:18080/graphql 2>/dev/null | grep -q '"data":{"__typename":"Query"}'; then
    app_ready_ms=$(( ($(date +%s%N) - app_started) / 1000000 )); break
  fi
  sleep 0.01
done
[ -n "$app_ready_ms" ] || { echo "the application did not answer within 60 s" >&2; tail -20 target/bench/app.log >&2; exit 1; }
app_started_in=$(grep -ao 'started in [0-9.]*s' target/bench/app.log | head -1 | awk '{print $3}' | tr -d s)
# statistics for whatever the start-up migrations changed
psql -h 127.0.0.1 -U postgres -d "$bench_db" -qc "ANALYZE"
# wrk_run SECONDS NAME [CONNECTIONS] [URL] [TOKEN]: wrk (2 threads, or 1 for one connection) with the body
# target/bench/NAME.json and the token given (default TOKEN)
wrk_run() {
  local c=${3:-${CONNECTIONS:-16}}
  BODY=target/bench/$2.json TOKEN=${5:-$TOKEN} wrk -t"$(( c < 2 ? c : 2 ))" -c"$c" -d"$1"s --latency -s bench/lib/graphql.lua "${4:-http://localhost:18080/graphql}"
}
