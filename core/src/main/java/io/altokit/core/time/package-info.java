/**
 * Time as an input: {@link io.altokit.core.time.Ticker} and {@link io.altokit.core.time.Scheduler}
 * are passed to whatever debounces, expires or waits, so production uses the system clock and
 * tests advance {@link io.altokit.core.time.ManualTicker} / {@link io.altokit.core.time.ManualScheduler}
 * instead of sleeping.
 */
package io.altokit.core.time;
