# Sourced by bench/queries and bench/same-data, with wrk_run, CHIEF and a running server: the same
# data asked three ways (nested, nested-fragments, nested-apollo), measured interleaved in
# SAME_ROUNDS (default 5) rounds of SAME_DURATION s (default 8) each, so that the machine's drift
# falls on all three alike. Prints each round on stderr; sets same_median_of[shape] and
# same_ratio_of[shape] (÷ nested) for the fragment and Apollo-style documents.
declare -A same_median_of same_ratio_of
same_data() {
  local shapes=(nested nested-fragments nested-apollo) b round rps line
  declare -A runs
  for round in $(seq 1 "${SAME_ROUNDS:-5}"); do
    line="same data, round $round:"
    for b in "${shapes[@]}"; do
      rps=$(wrk_run "${SAME_DURATION:-8}" $b 16 http://localhost:18080/graphql "$CHIEF" 2>/dev/null | awk '/Requests\/sec/ {print $2}')
      runs[$b]="${runs[$b]:-} $rps"
      line="$line $b $rps"
    done
    echo "$line" >&2
  done
  for b in "${shapes[@]}"; do
    same_median_of[$b]=$(echo "${runs[$b]}" | tr ' ' '\n' | grep -v '^$' | sort -n \
      | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  done
  for b in nested-fragments nested-apollo; do
    same_ratio_of[$b]=$(awk -v a="${same_median_of[$b]}" -v p="${same_median_of[nested]}" 'BEGIN { printf "%.2f", a / p }')
  done
}
