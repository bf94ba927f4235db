package io.switchboard.loadtest;

/** CPU of the server (by pid) and of this process over one measured window, stored into a result. */
final class Meter {
    private final long serverPid;
    private long wall0;
    private long server0;
    private long self0;

    Meter(long serverPid) {
        this.serverPid = serverPid;
    }

    Meter start() {
        wall0 = System.nanoTime();
        server0 = CpuClock.ofPid(serverPid);
        self0 = CpuClock.self();
        return this;
    }

    void stop(Result r) {
        long wall = System.nanoTime() - wall0;
        long server1 = CpuClock.ofPid(serverPid);
        r.set("measured_wall_nanos", wall);
        r.add("client_cpu_nanos", CpuClock.self() - self0);
        if (server0 >= 0 && server1 >= 0) {
            r.set("server_cpu_nanos", server1 - server0);
        }
    }
}
