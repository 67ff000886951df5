#!/bin/sh
# Runs `spawnd run -c /etc/spawnd/config.yml`, adding `-m /etc/spawnd/metadata.yml` only when that file exists.
# Arguments given to `docker run ... spawnpoint/spawnd ARGS` replace this default command entirely.
set -e
# The image's class-data archive (see the Dockerfile), before JAVA_OPTS so that JAVA_OPTS can turn it off (-Xshare:off).
cds=""
if [ -f /opt/spawnd/spawnd.jsa ]; then
  cds="-XX:SharedArchiveFile=/opt/spawnd/spawnd.jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
if [ "$#" -gt 0 ]; then
  exec java $cds $JAVA_OPTS -cp '/opt/spawnd/lib/*' "$SPAWND_MAIN" "$@"
fi
if [ ! -f /etc/spawnd/config.yml ]; then
  echo "spawnd: /etc/spawnd/config.yml is missing (mount a directory holding it at /etc/spawnd)" >&2
  exit 2
fi
if [ -f /etc/spawnd/metadata.yml ]; then
  exec java $cds $JAVA_OPTS -cp '/opt/spawnd/lib/*' "$SPAWND_MAIN" run -c /etc/spawnd/config.yml -m /etc/spawnd/metadata.yml
fi
exec java $cds $JAVA_OPTS -cp '/opt/spawnd/lib/*' "$SPAWND_MAIN" run -c /etc/spawnd/config.yml
