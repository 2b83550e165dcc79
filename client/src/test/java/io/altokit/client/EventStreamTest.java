package io.altokit.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventStreamTest {

    private static List<EventStream.Event> parse(String... lines) {
        EventStream stream = new EventStream();
        List<EventStream.Event> events = new ArrayList<>();
        for (String line : lines) {
            stream.line(line).ifPresent(events::add);
        }
        return events;
    }

    @Test
    void anRfc8895DataUpdateIsItsMediaTypeAndClientIdWithTheJoinedDataLines() {
        List<EventStream.Event> events = parse(
                "event: application/merge-patch+json,my-routingcost-map",
                "data: {",
                "data: \"cost-map\": {\"PID1\": {\"PID2\": 9}}",
                "data: }",
                "");

        assertThat(events).containsExactly(new EventStream.Event("application/merge-patch+json,my-routingcost-map",
                "{\n\"cost-map\": {\"PID1\": {\"PID2\": 9}}\n}"));
    }

    @Test
    void commentsAreKeepAlivesAndIdAndRetryAreIgnored() {
        List<EventStream.Event> events = parse(
                ": keep-alive",
                "id: 7",
                "retry: 1000",
                "event: application/alto-updatestreamcontrol+json",
                "data:{\"control-uri\": \"https://alto.example.com/updates/streams/2718281828\"}",
                "");

        assertThat(events).containsExactly(new EventStream.Event("application/alto-updatestreamcontrol+json",
                "{\"control-uri\": \"https://alto.example.com/updates/streams/2718281828\"}"));
    }

    @Test
    void anEventWithoutDataIsDroppedAndItsTypeForgotten() {
        List<EventStream.Event> events = parse("event: ignored", "", "data: x", "");

        assertThat(events).containsExactly(new EventStream.Event("message", "x"));
    }

    @Test
    void aFieldWithoutColonAndAnEmptyDataLineKeepTheLineStructure() {
        List<EventStream.Event> events = parse("data", "data: a", "");

        assertThat(events).containsExactly(new EventStream.Event("message", "\na"));
    }
}
