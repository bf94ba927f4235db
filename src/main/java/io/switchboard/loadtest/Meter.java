package io.switchboard.loadtest;

import java.util.List;

/**
 * CPU of the server processes (by pid, summed over a cluster's nodes), of Redis (by pid) and of this process over
 * one measured window, stored into a result.
 */
final class Meter {
    private final List<Long> serverPids;
    private final long redisPid;
    private long wall0;
    private long server0;
    private long redis0;
    private long self0;

    Meter(List<Long> serverPids, long redisPid) {
        this.serverPids = serverPids;
        this.redisPid = redisPid;
    }

    Meter start() {
        wall0 = System.nanoTime();
        server0 = CpuClock.ofPids(serverPids);
        redis0 = CpuClock.ofPid(redisPid);
        self0 = CpuClock.self();
        return this;
    }

    void stop(Result r) {
        long wall = System.nanoTime() - wall0;
        long server1 = CpuClock.ofPids(serverPids);
        long redis1 = CpuClock.ofPid(redisPid);
        r.set("measured_wall_nanos", wall);
        r.add("client_cpu_nanos", CpuClock.self() - self0);
        if (server0 >= 0 && server1 >= 0) {
            r.set("server_cpu_nanos", server1 - server0);
        }
        if (redis0 >= 0 && redis1 >= 0) {
            r.set("redis_cpu_nanos", redis1 - redis0);
        }
    }
}
