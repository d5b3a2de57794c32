#!/usr/bin/env bash
# Prints an RS256 token signed with the dev key: token.sh ISSUER SUBJECT ROLE
set -euo pipefail
b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT","kid":"dev"}' | b64)
payload=$(printf '{"iss":"%s","sub":"%s","groups":["%s"],"iat":%d,"exp":%d}' "$1" "$2" "$3" "$now" $((now + 7200)) | b64)
sig=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign config/dev/dev-signing-key.pem | b64)
printf '%s.%s.%s' "$header" "$payload" "$sig"
