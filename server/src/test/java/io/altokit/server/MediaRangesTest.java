package io.altokit.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MediaRangesTest {
    private static final String COST = "application/alto-endpointcost+json";

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "NONE                                                                  | true",
            "'   '                                                                 | true",
            "application/alto-endpointcost+json                                    | true",
            "Application/ALTO-EndpointCost+JSON                                    | true",
            "application/alto-error+json, application/alto-endpointcost+json      | true",
            "application/alto-endpointcost+json,application/alto-error+json       | true",
            "' application/alto-endpointcost+json ; q=0.5'                         | true",
            "*/*                                                                   | true",
            "application/*;q=1                                                     | true",
            "application/alto-endpointcost+json;q=0                                | false",
            "application/alto-endpointcost+json; q=0.0, text/html                  | false",
            "*/*;q=0                                                               | false",
            "application/alto-error+json                                           | false",
            "application/alto-endpointcost+jsonx                                   | false",
            "text/*                                                                | false",
            "application/json, ,                                                   | false"})
    void acceptMatchesTheTypeOrAWildcardWithPositiveQuality(String accept, boolean accepted) {
        assertThat(MediaRanges.accepts(Optional.ofNullable(accept), COST)).isEqualTo(accepted);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "application/alto-endpointcostparams+json                  | true",
            "application/ALTO-endpointcostparams+json; charset=utf-8   | true",
            "' application/alto-endpointcostparams+json '              | true",
            "application/json                                          | false",
            "application/alto-endpointcostparams+json2                 | false",
            "NONE                                                      | false"})
    void contentTypeIgnoresParametersAndCase(String contentType, boolean same) {
        assertThat(MediaRanges.sameType(Optional.ofNullable(contentType), "application/alto-endpointcostparams+json")).isEqualTo(same);
    }
}
