# Finds a JDK >= 25 for go4j: $JAVA_HOME if it is one, else the newest under /usr/lib/jvm
# (or under $GO4J_JVM_DIR when set: tests point it elsewhere).
# POSIX sh, sourced by ./go4j and ./mvnw, so both pick the same JDK.
#   go4j_find_jdk   prints the JDK's home; fails (prints nothing) when there is none

go4j_java_major() { # prints the feature version of the java binary $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1 || echo 0
}

go4j_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(go4j_java_major "$JAVA_HOME/bin/java")" -ge 25 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return 0
  fi
  _go4j_best="" _go4j_bestv=0 _go4j_noglob=""
  case $- in *f*) _go4j_noglob=1; set +f ;; esac # ./mvnw runs with globbing off
  for _go4j_d in "${GO4J_JVM_DIR:-/usr/lib/jvm}"/*/; do
    _go4j_d="${_go4j_d%/}"
    [ -x "$_go4j_d/bin/javac" ] || continue
    _go4j_v="$(go4j_java_major "$_go4j_d/bin/java")"
    if [ "${_go4j_v:-0}" -ge 25 ] 2>/dev/null && [ "$_go4j_v" -gt "$_go4j_bestv" ]; then _go4j_best="$_go4j_d"; _go4j_bestv="$_go4j_v"; fi
  done
  [ -z "$_go4j_noglob" ] || set -f
  [ -n "$_go4j_best" ] && echo "$_go4j_best"
}
