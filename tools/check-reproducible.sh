#!/usr/bin/env bash
# Builds the project twice from clean, under umask 077 and then 022, and compares the SHA-256 of
# every jar (including the -sources and -javadoc jars) and every consumer POM. Exits non-zero when
# any differs.
# See docs/versioning.md, "Reproducible builds". Takes about two package builds (~1 min).
set -euo pipefail
cd "$(dirname "$0")/.."

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# The build plan check: every plugin bound is one that writes reproducible output.
./mvnw -q -B org.apache.maven.plugins:maven-artifact-plugin:3.6.0:check-buildplan

for run in 1 2; do
  if [ "$run" = 1 ]; then mask=077; else mask=022; fi
  (umask "$mask" && ./mvnw -q -B clean package -DskipTests "$@")
  mkdir -p "$out/$run"
  find . -path '*/target/*' -not -path '*/generated-sources/*' -not -path '*/sdk-consumer-tests/*' \
       \( -name '*.jar' -o -name '.flattened-pom.xml' \) -print |
    while read -r f; do
      cp "$f" "$out/$run/$(echo "${f#./}" | tr '/' '_')"
    done
  (cd "$out/$run" && sha256sum -- * | sort -k2) > "$out/$run.sha256"
done

count=$(wc -l < "$out/1.sha256")
if diff -u "$out/1.sha256" "$out/2.sha256"; then
  echo "Reproducible: $count files byte-identical across two clean builds (umask 077, then 022)."
  cat "$out/1.sha256"
else
  echo "NOT reproducible: the files above differ between two clean builds." >&2
  exit 1
fi
