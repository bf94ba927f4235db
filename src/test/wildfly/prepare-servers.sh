#!/usr/bin/env bash
# Prepares the two WildFly servers of the container tests (-Pwildfly) from the unpacked distribution, which stays
# untouched:
#   switchboard/   a copy of standalone/configuration, configured with switchboard.cli (the documented commands)
#   without-key/   made by the Arquillian adapter itself (cleanServerBaseDir): no jwt.secret, for WarWithoutKeyIT
# Usage: prepare-servers.sh WILDFLY_HOME SERVERS_DIR  (the secret comes in the environment, SWITCHBOARD_TEST_SECRET)
set -euo pipefail
home=$1
servers=$2
here=$(cd "$(dirname "$0")" && pwd)
: "${SWITCHBOARD_TEST_SECRET:?the test secret is missing}"

base="$servers/switchboard"
rm -rf "$base"
mkdir -p "$base/deployments"
cp -r "$home/standalone/configuration" "$base/"

props="$servers/switchboard-cli.properties"
printf 'jwt.secret=%s\n' "$SWITCHBOARD_TEST_SECRET" > "$props"
JAVA_OPTS="-Djboss.server.base.dir=$base" "$home/bin/jboss-cli.sh" \
  --resolve-parameter-values --properties="$props" --file="$here/switchboard.cli"
