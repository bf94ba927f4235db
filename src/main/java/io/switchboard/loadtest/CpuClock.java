package io.switchboard.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a process (user + system) from /proc, and of this JVM from its own bean. */
final class CpuClock {
    /** Linux's USER_HZ is 100 on every architecture the JDK runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuClock() {
    }

    /** Nanoseconds of CPU the process has used so far, or -1 when it cannot be read. */
    static long ofPid(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The CPU of several processes, summed; -1 when any cannot be read (or none is given). */
    static long ofPids(java.util.List<Long> pids) {
        return sum(pids, CpuClock::ofPid);
    }

    /** Resident set sizes summed, KiB, or -1. */
    static long rssKib(java.util.List<Long> pids) {
        return sum(pids, CpuClock::rssKib);
    }

    private static long sum(java.util.List<Long> pids, java.util.function.LongUnaryOperator each) {
        long sum = 0;
        for (long pid : pids) {
            long v = each.applyAsLong(pid);
            if (v < 0) {
                return -1;
            }
            sum += v;
        }
        return pids.isEmpty() ? -1 : sum;
    }

    static long self() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return ofPid(ProcessHandle.current().pid());
    }

    /** Resident set size in KiB, or -1. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
