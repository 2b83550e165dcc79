package io.altokit.server;

import io.altokit.model.AltoError;
import io.altokit.model.AltoException;

/** Bounds the work one request can ask for, so a single client cannot make an answer slow for everyone. */
record EndpointLimits(int maxEndpointsPerRequest) {

    void check(String field, int endpoints) {
        if (endpoints > maxEndpointsPerRequest) {
            throw new AltoException(AltoError.invalidValue(field));
        }
    }
}
