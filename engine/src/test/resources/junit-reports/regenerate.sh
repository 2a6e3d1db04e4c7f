#!/usr/bin/env bash
# Regenerates the JUnit XML reports in this folder with the real tools, and records each tool's own console summary
# next to them (summary.txt). JunitParserRealToolsTest asserts that our counts equal those summaries.
#
# Needs: node + npm (installs jest, jest-junit, mocha 11 and mocha-junit-reporter into a temporary folder;
# mocha-junit-reporter 2.2 fails on mocha 12), python3 with pytest (Debian: python3-pytest), Java 17 + Maven. Tests never run this script; run it by hand
# when a tool version changes, and commit the result.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Keeps the part of a report that describes tests; the rest (Surefire's <properties>) is the machine's system
# properties, which say nothing about the tests and would differ on every machine.
strip_properties() {
  sed -e '/<properties>/,/<\/properties>/d' -e '/<properties\/>/d' "$1"
}

echo "== jest + jest-junit" >&2
mkdir -p "$work/js" "$here/jest" "$here/mocha"
cp "$here/sources/js/"*.js "$work/js/"
(
  cd "$work/js"
  npm init -y >/dev/null
  npm install --no-audit --no-fund --silent jest jest-junit mocha@11 mocha-junit-reporter >/dev/null
  npx jest --version > "$here/jest/versions.txt"
  echo "jest-junit $(node -p 'require("jest-junit/package.json").version')" >> "$here/jest/versions.txt"
  JEST_JUNIT_OUTPUT_DIR="$work/js/jest-out" JEST_JUNIT_OUTPUT_NAME=junit.xml \
    npx jest --ci --testMatch '**/*.test.js' --reporters=default --reporters=jest-junit > jest.log 2>&1 || true
  grep -E '^Tests:' jest.log > "$here/jest/summary.txt"
  cp jest-out/junit.xml "$here/jest/junit.xml"

  echo "== mocha + mocha-junit-reporter" >&2
  echo "mocha $(npx mocha --version)" > "$here/mocha/versions.txt"
  echo "mocha-junit-reporter $(node -p 'require("mocha-junit-reporter/package.json").version')" >> "$here/mocha/versions.txt"
  # mocha has one reporter per run: the spec reporter prints the summary, the junit reporter writes the XML
  # (with includePending, or it leaves pending tests out of the report altogether).
  npx mocha --reporter spec cart.spec.js > mocha.log 2>&1 || true
  grep -E '^\s+[0-9]+ (passing|pending|failing)' mocha.log | sed 's/^ *//' > "$here/mocha/summary.txt"
  npx mocha --reporter mocha-junit-reporter --reporter-options "mochaFile=$work/js/mocha-out/junit.xml,includePending=true" \
    cart.spec.js > /dev/null 2>&1 || true
  cp mocha-out/junit.xml "$here/mocha/junit.xml"
)

echo "== pytest" >&2
mkdir -p "$work/pytest" "$here/pytest"
cp "$here/sources/pytest/test_checkout.py" "$work/pytest/"
(
  cd "$work/pytest"
  python3 -m pytest --version > "$here/pytest/versions.txt" 2>&1
  python3 -m pytest -p no:cacheprovider --junitxml=junit.xml test_checkout.py > pytest.log 2>&1 || true
  tail -n 1 pytest.log > "$here/pytest/summary.txt"
  cp junit.xml "$here/pytest/junit.xml"
)

echo "== maven surefire with reruns" >&2
mkdir -p "$work/surefire" "$here/surefire"
cp -r "$here/sources/surefire/." "$work/surefire/"
(
  cd "$work/surefire"
  mvn -B -ntp test -Dsurefire.rerunFailingTestsCount=2 > maven.log 2>&1 || true
  echo "maven-surefire-plugin 3.5.4, junit-jupiter 5.14.4" > "$here/surefire/versions.txt"
  grep -E '^\[(ERROR|WARNING|INFO)\] Tests run: .*Flakes' maven.log | grep -v ' in ' | tail -n 1 \
    | sed -E 's/^\[[A-Z]+\] //' > "$here/surefire/summary.txt"
  rm -f "$here/surefire/"TEST-*.xml
  for report in target/surefire-reports/TEST-*.xml; do
    strip_properties "$report" > "$here/surefire/$(basename "$report")"
  done
)
echo "done: $(ls "$here"/*/summary.txt | tr '\n' ' ')" >&2
