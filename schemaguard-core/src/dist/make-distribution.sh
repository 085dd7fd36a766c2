#!/usr/bin/env bash
# Builds schemaguard-<version>-linux-x64.tar.gz: a Java runtime cut to the modules SchemaGuard uses (jdeps, jlink),
# the jar (its Java 5 class files rewritten for Java 8), a start-up cache made by a training run, and bin/schemaguard. Run by Maven in the package phase.
#
#   make-distribution.sh JAR BUILD_DIR VERSION BUILD_JDK [RUNTIME_JDK]
#
# The runtime is linked from RUNTIME_JDK when given, else from the newest JDK 25 or later installed beside the build's
# (its AOT cache still works once the folder is moved; a Java 17 class-data archive names the jar's path and does
# not), else from the build's JDK, whose runtime then carries only the JDK's own class-data archive.
set -euo pipefail

jar=$1 build=$2 version=$3 build_jdk=$4 runtime_jdk=${5:-}
name="schemaguard-$version-linux-x64"
work="$build/distribution"
stage="$work/$name"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true; }

if [ -z "$runtime_jdk" ]; then
  runtime_jdk=$build_jdk
  best=$(major "$build_jdk")
  for jdk in "$(dirname "$build_jdk")"/*/; do
    jdk=${jdk%/}
    m=$(major "$jdk")
    if [ -n "$m" ] && [ -x "$jdk/bin/jlink" ] && [ "$m" -ge 25 ] && [ "$m" -gt "${best:-0}" ]; then
      runtime_jdk=$jdk best=$m
    fi
  done
fi
[ -x "$runtime_jdk/bin/jlink" ] || { echo "make-distribution: no jlink in $runtime_jdk (a JDK is needed, not a JRE)" >&2; exit 1; }
runtime_major=$(major "$runtime_jdk")

rm -rf "$work"
mkdir -p "$stage/bin" "$stage/lib"

# The modules the jar's classes use; elliptic-curve TLS (a server URL with sslmode) is a provider no class names.
modules=$("$runtime_jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")
if "$runtime_jdk/bin/java" --list-modules | grep -q '^jdk.crypto.ec@'; then
  modules="$modules,jdk.crypto.ec"
fi
cds=()
[ "$runtime_major" -lt 25 ] && cds=(--generate-cds-archive)
"$runtime_jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  "${cds[@]}" --output "$stage/runtime" >/dev/null

if [ "$runtime_major" -ge 25 ]; then
  # Old class files (picocli's) cannot be kept in the AOT cache; rewritten, they are (src/dist/ModernClassFiles.java).
  "$runtime_jdk/bin/java" "$here/ModernClassFiles.java" "$jar" "$stage/lib/schemaguard.jar" >/dev/null
else
  cp "$jar" "$stage/lib/schemaguard.jar"
fi
cp "$here/schemaguard" "$stage/bin/schemaguard"
chmod +x "$stage/bin/schemaguard"

# The training run: what a pre-commit hook runs, a lint of migration files, in a project with a configuration; it
# loads what a lint or a check loads before its first finding (command line, configuration, rules, report), and the
# lambdas and method handles of the lint path, which are generated at run time unless the cache holds them.
if [ "$runtime_major" -ge 25 ]; then
  training="$work/training"
  mkdir -p "$training/db/migrations"
  printf 'migrations:\n  path: db/migrations\nrules:\n  truncate: warning\n' > "$training/schemaguard.yml"
  printf 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n' > "$training/db/migrations/0001_users.sql"
  printf 'CREATE INDEX users_email ON users (email);\nALTER TABLE users ADD COLUMN name text NOT NULL;\n' \
    > "$training/db/migrations/0002_email.sql"
  (cd "$training" && "$stage/runtime/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -XX:AOTCacheOutput="$stage/lib/schemaguard.aot" -Xlog:disable \
    -cp "$stage/lib/schemaguard.jar" dev.schemaguard.cli.Main lint db/migrations/0001_users.sql \
    db/migrations/0002_email.sql >/dev/null 2>&1) \
    || { status=$?; [ "$status" -eq 1 ] || { echo "make-distribution: the training run failed ($status)" >&2; exit 1; }; }
  [ -f "$stage/lib/schemaguard.aot" ] || { echo "make-distribution: the training run made no AOT cache" >&2; exit 1; }
  rm -rf "$training"
fi

tar -C "$work" -czf "$build/$name.tar.gz" "$name"
echo "make-distribution: $build/$name.tar.gz (runtime: Java $runtime_major; modules: $modules)"
