package io.altokit.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.altokit.client.AltoClient;
import io.altokit.client.AltoClientException;
import io.altokit.client.ResourceUpdate;
import io.altokit.client.Subscription;
import io.altokit.client.UpdateListener;
import io.altokit.client.UpdateService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@code alto query watch RESOURCE...}: follows resources through the server's update service
 * ({@link AltoClient#subscribe}) and prints a line per update as it is applied: the whole state
 * first, then each patch. Interruptions go to standard error and the subscription resubscribes; a
 * refusal ends the command through {@link CommandFailures} like any other failure (exit 1).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Follow resources through the server's update service (RFC 8895 SSE or RFC 9569 TIPS) and print each update.",
                "Runs until interrupted, or until --count updates were printed."})
final class QueryWatchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    private QueryCommand query;
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESOURCE",
            description = "Resource ids of full maps in the directory, e.g. default-network-map (see 'alto query ird').")
    private List<String> resources;

    @Option(names = "--json", description = "One JSON object per update, with the whole resource as now held.")
    private boolean json;

    @Option(names = "--via", paramLabel = "sse|tips",
            description = "The update service to use; default: SSE when the directory offers it, else TIPS.")
    private UpdateService via;

    @Option(names = "--count", paramLabel = "N", description = "Exit after N updates (0, the default: follow until interrupted).")
    private int count;

    /** What the subscription's thread hands the printing thread. */
    private sealed interface Event {
    }

    private record Updated(Instant at, ResourceUpdate update) implements Event {
    }

    private record Interrupted(String reason, Duration retryIn) implements Event {
    }

    private record Stopped(AltoClientException failure) implements Event {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (count < 0) {
            throw new ParameterException(spec.commandLine(), "--count cannot be negative: " + count);
        }
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        UpdateListener listener = new UpdateListener() {
            @Override
            public void updated(ResourceUpdate update) {
                events.add(new Updated(Instant.now(), update));
            }

            @Override
            public void interrupted(String reason, Duration retryIn) {
                events.add(new Interrupted(reason, retryIn));
            }

            @Override
            public void stopped(AltoClientException failure) {
                events.add(new Stopped(failure));
            }
        };
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (AltoClient client = query.client(spec);
             Subscription subscription = subscribe(client, listener)) {
            for (int printed = 0; count == 0 || printed < count; ) {
                switch (events.take()) {
                    case Updated updated -> {
                        out.println(json ? jsonLine(updated) : humanLine(updated));
                        out.flush();
                        printed++;
                    }
                    case Interrupted interrupted -> {
                        err.printf(Locale.ROOT, "%s: %s; resubscribing in %.1f s%n", spec.qualifiedName(), interrupted.reason(),
                                interrupted.retryIn().toMillis() / 1000.0);
                        err.flush();
                    }
                    case Stopped stopped -> throw stopped.failure();
                }
            }
            return 0;
        }
    }

    private Subscription subscribe(AltoClient client, UpdateListener listener) {
        try {
            return client.subscribe(resources, Optional.ofNullable(via), listener);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** e.g. "2026-12-03T12:00:01.250Z default-network-map MERGE_PATCH 412 bytes tag 9c1f... (SSE)". */
    private static String humanLine(Updated updated) {
        ResourceUpdate update = updated.update();
        return updated.at() + " " + update.resourceId() + " " + update.kind() + " " + update.messageBytes() + " bytes"
                + update.tag().map(tag -> " tag " + tag).orElse("") + " (" + update.service() + ")";
    }

    private static String jsonLine(Updated updated) {
        ResourceUpdate update = updated.update();
        ObjectNode line = JSON.createObjectNode()
                .put("time", updated.at().toString())
                .put("resource-id", update.resourceId())
                .put("service", update.service().name().toLowerCase(Locale.ROOT))
                .put("kind", update.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("message-bytes", update.messageBytes());
        update.tag().ifPresent(tag -> line.put("tag", tag));
        line.putRawValue("resource", new RawValue(update.json()));
        return line.toString();
    }
}
