/**
 * The load tool of seed 003's stress test ({@code --test-type storm|throughput|sustained|all}, plus fan-out, idle
 * and bad-input scenarios): a non-blocking client of its own (one selector thread per process), worker processes
 * past the open-files cap, and a report of connects/s, failures by cause, messages/s, latency percentiles and
 * correctness (lost, duplicated, out of order). Not part of the WAR; built into {@code switchboard-loadtest.jar}.
 * See docs/performance.md.
 */
package io.switchboard.loadtest;
