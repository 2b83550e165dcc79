/**
 * Time as an input: {@link io.altokit.core.time.Ticker} and {@link io.altokit.core.time.Scheduler}
 * are passed to whatever debounces, expires or waits, so production uses the system clock and
 * tests advance {@link io.altokit.core.time.ManualTicker} / {@link io.altokit.core.time.ManualScheduler}
 * instead of sleeping; {@link io.altokit.core.time.ThrottledWarning} bounds how often a log line anyone
 * could trigger is written.
 */
package io.altokit.core.time;
