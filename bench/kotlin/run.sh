#!/usr/bin/env bash
# Builds the benchmark against the installed SDK and runs it in one JVM.
# Needs the SDK built first (npm run build at the root installs it into the local Maven repository).
set -euo pipefail
cd "$(dirname "$0")"
version=$(node -p "require('../../packages/sdk-kotlin/package.json').version")
mvn -B -q --no-transfer-progress package -Dexpys.sdk.version="$version"
# The local Maven repository is shared by every checkout on this machine, and another
# one may install its own build of the SDK there at any moment: measure this
# checkout's classes instead.
sdk=../../packages/sdk-kotlin/target/classes
[ -d "$sdk/com/expys/sdk" ] || { echo "no SDK classes in packages/sdk-kotlin/target: run npm run build first" >&2; exit 1; }
deps=$(tr ':' '\n' < target/classpath.txt | grep -v '/com/expys/expys-sdk/' | paste -sd:)
exec java -Xmx512m -cp "target/classes:$sdk:$deps" bench.MainKt "$@"
