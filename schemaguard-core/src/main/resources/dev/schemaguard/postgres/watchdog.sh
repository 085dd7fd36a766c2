# The embedded PostgreSQL's keeper, run with sh in a session of its own (setsid), so that a Ctrl-C to
# SchemaGuard's process group does not stop the server before SchemaGuard has finished with it.
#
#   watch  RUN_FOLDER N WRAPPER(N words) SERVER_COMMAND...
#     starts the server, prints its pid, and holds it while its standard input stays open. SchemaGuard holds the
#     other end of that pipe; when it closes it, or dies in any way (even SIGKILL, which runs no clean-up of its
#     own), the server is stopped and the run folder deleted. A server that ends on its own is reported as
#     "exited STATUS", and its folder kept until SchemaGuard has read the log and closed the pipe.
#   remove RUN_FOLDER N WRAPPER(N words)
#     deletes a run folder (a run abandoned by a dead keeper).
#
# The server's data folder is deleted through WRAPPER, the command that gives the server account's rights when
# the server runs as another account: a link planted in it then cannot make this deletion reach further.
mode=$1 dir=$2 n=$3
shift 3
wrap=
while [ "$n" -gt 0 ]; do
  wrap="$wrap $1"
  shift
  n=$((n - 1))
done

remove() {
  $wrap rm -rf -- "$dir/data" 2>/dev/null
  rmdir -- "$dir/data" 2>/dev/null
  rm -f -- "$dir/owner" "$dir/server.log"
  rmdir -- "$dir" 2>/dev/null
}

if [ "$mode" = remove ]; then
  remove
  exit 0
fi

# The owner's pipe, kept on fd 3: an asynchronous list's standard input is /dev/null before its own redirections.
exec 3<&0
"$@" </dev/null >>"$dir/server.log" 2>&1 3<&- &
server=$!
# SchemaGuard may be gone when there is something to say: a write to the closed pipe must not end this script.
trap '' PIPE
stopping=0
trap 'stopping=1' TERM
# Reads standard input to its end (the owner closed it or died), then stops the server: a fast shutdown (the data
# is thrown away), and a kill if it has not stopped within 10 s.
{
  cat >/dev/null
  kill -TERM $$
  kill -INT "$server"
  sleep 10
  kill -KILL "$server"
} <&3 >/dev/null 2>&1 &
reader=$!
echo "$server"

wait "$server"
status=$?
if [ "$stopping" = 1 ]; then
  # The wait above may have ended early, for the TERM: this one ends with the server.
  wait "$server"
  kill "$reader" 2>/dev/null
else
  echo "exited $status"
  # The reader must not signal a process id that is no longer the server's.
  kill "$reader" 2>/dev/null
  cat >/dev/null
fi
remove
