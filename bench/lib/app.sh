# Sourced by the benchmarks: starts a stand-in OIDC provider and the built application (JVM with
# APP_JAVA_OPTS, default the options k8s/deployment.yaml gives; port 18080) on the city dataset, and
# stops both on exit. Defines TOKEN (an admin's),
# q (a psql query on the dataset), body (writes a GraphQL request body) and wrk_run.
bench_db=${BENCH_DB:-wangge_bench}
issuer=http://127.0.0.1:18180/realms/wangge
mkdir -p target/bench
# (re)build when the jar is missing or older than the sources
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src pom.xml -newer target/quarkus-app/quarkus-run.jar -print -quit)" ]; then
  ./mvnw -B -q package -DskipTests
fi
python3 bench/lib/oidc.py 18180 & oidc=$!
key=$(openssl rand -base64 32)
# the JVM options of k8s/deployment.yaml
default_java_opts=$(sed -n '/name: JAVA_TOOL_OPTIONS/{n;s/.*value: "\(.*\)"/\1/p}' k8s/deployment.yaml)
app_started=$(date +%s%N)
# run from its directory: the class-data archive built with it (app-cds.jsa) names the jar relatively
(cd target/quarkus-app && DB_REACTIVE_URL=postgresql://127.0.0.1:5432/$bench_db DB_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$bench_db \
  DB_USER=postgres OIDC_AUTH_SERVER_URL=$issuer OIDC_ISSUER=$issuer WANGGE_DATA_KEYS="b=$key" WANGGE_DATA_KEY_ID=b \
  WANGGE_HASH_KEY="$key" WANGGE_URL_KEY="$key" QUARKUS_HTTP_PORT=18080 QUARKUS_MANAGEMENT_PORT=18090 \
  MALLOC_ARENA_MAX=2 exec java ${APP_JAVA_OPTS:-$default_java_opts} -XX:SharedArchiveFile=app-cds.jsa -jar quarkus-run.jar) > target/bench/app.log 2>&1 &
app=$!
trap 'kill $app $oidc 2>/dev/null || true' EXIT
# health is on the management interface
for _ in $(seq 1 120); do curl -sf localhost:18090/q/health/ready >/dev/null && break; sleep 0.2; done
app_ready_ms=$(( ($(date +%s%N) - app_started) / 1000000 ))
# statistics for whatever the start-up migrations changed
psql -h 127.0.0.1 -U postgres -d "$bench_db" -qc "ANALYZE"
TOKEN=$(bench/lib/token.sh $issuer bench-admin admin)
export TOKEN
q() { psql -h 127.0.0.1 -U postgres -d "$bench_db" -tAc "$1"; }
body() { printf '%s' "$2" > "target/bench/$1.json"; }
# wrk_run SECONDS NAME [CONNECTIONS] [URL]: wrk (2 threads, or 1 for one connection) with the body target/bench/NAME.json
wrk_run() {
  local c=${3:-${CONNECTIONS:-16}}
  BODY=target/bench/$2.json wrk -t"$(( c < 2 ? c : 2 ))" -c"$c" -d"$1"s --latency -s bench/lib/graphql.lua "${4:-http://localhost:18080/graphql}"
}
