package io.altokit.server.protection.auth;

import java.util.Optional;

/** What one authentication method made of a request. */
public sealed interface Identification {

    /** The request carries no credentials of this method's kind. */
    record Absent() implements Identification {
    }

    /** The credentials are valid and name the client. */
    record Identified(String name) implements Identification {
    }

    /**
     * The credentials are wrong, expired or malformed. {@code reason} is for the server log only;
     * {@code challenge} is the WWW-Authenticate value to answer with, when the method has a specific one.
     */
    record Rejected(String reason, Optional<String> challenge) implements Identification {
    }

    Identification ABSENT = new Absent();
}
