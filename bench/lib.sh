# Sourced by the benchmarks, from the project root.

# test_deps MODULE GOAL: runs GOAL (test-compile or package) on MODULE and the modules it needs, in
# one Maven run so that they resolve to their fresh target/classes (not to whatever snapshot jars an
# earlier install left in the local repository), and prints MODULE's test classpath.
test_deps() {
  local cp_file
  cp_file=$(mktemp)
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl "$1" -am "$2" \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2 || {
    rm -f "$cp_file"
    return 1
  }
  cat "$cp_file"
  rm -f "$cp_file"
}
