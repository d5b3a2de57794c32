# Sourced by the benchmarks: starts a stand-in OIDC provider and the built application (JVM,
# -Xmx512m, port 18080) on the city dataset, and stops both on exit. Defines TOKEN (an admin's),
# q (a psql query on the dataset), body (writes a GraphQL request body) and wrk_run.
bench_db=${BENCH_DB:-wangge_bench}
issuer=http://127.0.0.1:18180/realms/wangge
mkdir -p target/bench
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
python3 bench/lib/oidc.py 18180 & oidc=$!
key=$(openssl rand -base64 32)
app_started=$(date +%s%N)
DB_REACTIVE_URL=postgresql://127.0.0.1:5432/$bench_db DB_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$bench_db DB_USER=postgres \
  OIDC_AUTH_SERVER_URL=$issuer OIDC_ISSUER=$issuer WANGGE_DATA_KEYS="b=$key" WANGGE_DATA_KEY_ID=b WANGGE_HASH_KEY="$key" \
  WANGGE_URL_KEY="$key" QUARKUS_HTTP_PORT=18080 java -Xmx512m ${APP_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar \
  > target/bench/app.log 2>&1 &
app=$!
trap 'kill $app $oidc 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf localhost:18080/q/health/ready >/dev/null && break; sleep 0.2; done
app_ready_ms=$(( ($(date +%s%N) - app_started) / 1000000 ))
# statistics for whatever the start-up migrations changed
psql -h 127.0.0.1 -U postgres -d "$bench_db" -qc "ANALYZE"
TOKEN=$(bench/lib/token.sh $issuer bench-admin admin)
export TOKEN
q() { psql -h 127.0.0.1 -U postgres -d "$bench_db" -tAc "$1"; }
body() { printf '%s' "$2" > "target/bench/$1.json"; }
# wrk_run SECONDS NAME [CONNECTIONS]: wrk (2 threads, or 1 for one connection) against the body target/bench/NAME.json
wrk_run() {
  local c=${3:-${CONNECTIONS:-16}}
  BODY=target/bench/$2.json wrk -t"$(( c < 2 ? c : 2 ))" -c"$c" -d"$1"s --latency -s bench/lib/graphql.lua http://localhost:18080/graphql
}
