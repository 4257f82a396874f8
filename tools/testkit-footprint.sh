#!/usr/bin/env bash
# What serviceform-sdk-testkit adds to a consumer's test classpath, seen as a consumer sees it:
# the published (flattened) POMs of the just-built SDK jars are installed into a scratch local
# repository (never ~/.m2), and two tiny consumer projects are resolved against it: one with
# serviceform-sdk only, one with serviceform-sdk and the testkit (test scope). The difference is the
# testkit's footprint. Artifacts already in ~/.m2 are read from there (read-only, Maven 3.9's
# maven.repo.local.tail); anything else comes from Maven Central into the scratch repository.
#
#   tools/testkit-footprint.sh            # builds the SDK jars first (package, no tests)
#   SKIP_BUILD=1 tools/testkit-footprint.sh
#
# Prints the added artifacts, their count and total size, and the size of the standalone jar.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
work="${FOOTPRINT_DIR:-$(mktemp -d)}"
repo="$work/m2"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q package -pl sdk-testkit -am -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
fi

install() { # module artifactId
  ./mvnw -B -q org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file \
    -Dfile="$1/target/$2-$version.jar" -DpomFile="$1/target/.flattened-pom.xml" \
    -DlocalRepositoryPath="$repo" >/dev/null
}
install sdk-generated serviceform-sdk-generated
install sdk-extensions serviceform-sdk
install sdk-testkit serviceform-sdk-testkit

consumer() { # dir, extra dependency XML
  mkdir -p "$1"
  cat >"$1/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>$(basename "$1")</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>com.serviceform</groupId>
      <artifactId>serviceform-sdk</artifactId>
      <version>$version</version>
    </dependency>
    $2
  </dependencies>
</project>
EOF
  ./mvnw -B -q -f "$1/pom.xml" -Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="$HOME/.m2/repository" \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:list -DincludeScope=test \
    -DoutputFile="$1/list.txt" -DoutputAbsoluteArtifactFilename=true >/dev/null
  grep -E '^ +[^ ]+:[^ ]+:' "$1/list.txt" | sed 's/^ *//' | sort
}
consumer "$work/sdk-only" "" >"$work/sdk-only.txt"
consumer "$work/with-testkit" "<dependency><groupId>com.serviceform</groupId><artifactId>serviceform-sdk-testkit</artifactId><version>$version</version><scope>test</scope></dependency>" >"$work/with-testkit.txt"

coords() { sed 's/:\(compile\|runtime\|test\|provided\)\(:.*\| .*\)\?$/:\1/' "$1" | sed -E 's/^(([^:]+:){3}[^:]+):.*/\1/' | sort -u; }
comm -13 <(coords "$work/sdk-only.txt") <(coords "$work/with-testkit.txt") >"$work/added.txt"
echo "Artifacts the testkit adds to a consumer's test classpath (beyond serviceform-sdk):"
sed 's/^/  /' "$work/added.txt"
count=$(wc -l <"$work/added.txt")
bytes=0
while read -r line; do
  file="$(grep -F "$line" "$work/with-testkit.txt" | head -1 | sed -E 's/.*:(\/[^ ]+\.jar).*/\1/')"
  [ -f "$file" ] && bytes=$((bytes + $(stat -c %s "$file")))
done <"$work/added.txt"
echo "count: $count artifacts, $((bytes / 1024)) KiB of jars"
standalone="$(ls sdk-testkit/target/*standalone*.jar sdk-testkit/target/serviceform-sandbox.jar 2>/dev/null | head -1 || true)"
[ -n "$standalone" ] && echo "standalone jar: $standalone, $(( $(stat -c %s "$standalone") / 1024 )) KiB"
echo "library jar: $(( $(stat -c %s "sdk-testkit/target/serviceform-sdk-testkit-$version.jar") / 1024 )) KiB"
echo "(work files in $work)"
