#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# A throw-away Slurm cluster for tests: munged, slurmctld and two slurmd ("node-a", "node-b") on
# this machine, everything (key, sockets, state, logs, ports) inside DIR.
#   slurm_cluster.sh start DIR   prints SLURM_CONF=DIR/slurm.conf once both nodes are idle
#   slurm_cluster.sh stop DIR    stops the daemons started from DIR
# Two slurmd on one host work because Debian builds Slurm with --enable-multiple-slurmd
# (`slurmd -N <node>`); each node has its own port, spool folder and log.
set -euo pipefail

command=${1:?start|stop} dir=${2:?folder}
dir=$(cd "$dir" && pwd)

stop() {
    local pid
    for pid in "$dir"/run/*.pid; do
        [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
    done
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    for tool in munged slurmctld slurmd srun sinfo; do
        command -v "$tool" >/dev/null || { echo "missing $tool (installer/dev.sh installs munge, slurmctld, slurmd, slurm-client)" >&2; exit 3; }
    done
    mkdir -p "$dir/munge" "$dir/state" "$dir/run" "$dir/log"
    chmod 700 "$dir/munge"
    # munged wants a private key of at least 32 bytes; any random bytes do for a cluster of one host.
    head -c 1024 /dev/urandom >"$dir/munge/key"
    chmod 600 "$dir/munge/key"
    # --force: munged refuses to run as root without it; the socket is ours alone.
    munged --force --socket="$dir/munge/socket" --key-file="$dir/munge/key" --pid-file="$dir/run/munged.pid" \
        --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed"

    local host user
    host=$(hostname)
    user=$(id -un)
    cat >"$dir/slurm.conf" <<EOF
ClusterName=hfcachetest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$dir/munge/socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool-%n
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd-%n.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd-%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
ReturnToService=2
MpiDefault=none
NodeName=node-a NodeHostname=$host NodeAddr=127.0.0.1 Port=$(free_port) CPUs=1
NodeName=node-b NodeHostname=$host NodeAddr=127.0.0.1 Port=$(free_port) CPUs=1
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
    export SLURM_CONF=$dir/slurm.conf
    slurmctld -f "$SLURM_CONF" -i
    slurmd -f "$SLURM_CONF" -N node-a
    slurmd -f "$SLURM_CONF" -N node-b
    local tries=0
    until [ "$(sinfo -h -o '%T %D' 2>/dev/null)" = "idle 2" ]; do
        tries=$((tries + 1))
        if [ $tries -gt 300 ]; then
            echo "the Slurm nodes did not come up; logs:" >&2
            tail -n 20 "$dir"/log/*.log >&2
            stop
            exit 1
        fi
        sleep 0.1
    done
    echo "SLURM_CONF=$SLURM_CONF"
}

case "$command" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
