#!/usr/bin/env bash
# Builds the benchmark against the installed SDK and runs it in one JVM.
# Needs the SDK built first (npm run build at the root installs it into the local Maven repository).
set -euo pipefail
cd "$(dirname "$0")"
version=$(node -p "require('../../packages/sdk-kotlin/package.json').version")
mvn -B -q --no-transfer-progress package -Dexpys.sdk.version="$version"
exec java -Xmx512m -cp "target/classes:$(cat target/classpath.txt)" bench.MainKt "$@"
