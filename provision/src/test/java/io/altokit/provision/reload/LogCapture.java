package io.altokit.provision.reload;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The events one class logs, handed over as they happen, so a test can wait for one. */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final BlockingQueue<ILoggingEvent> events = new LinkedBlockingQueue<>();
    private final Logger logger;

    LogCapture(Class<?> source) {
        logger = (Logger) LoggerFactory.getLogger(source);
        start();
        logger.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    /** The next event logged, or null when none comes within {@code timeout}. */
    ILoggingEvent next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
