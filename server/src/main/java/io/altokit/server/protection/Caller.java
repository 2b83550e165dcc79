package io.altokit.server.protection;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Who is asking: the source address, and the client's name once a guard has authenticated it
 * (HTTP Basic user, JWT subject or client-certificate name).
 */
public record Caller(InetAddress address, Optional<String> name) {

    public static Caller anonymous(InetAddress address) {
        return new Caller(address, Optional.empty());
    }

    public Caller named(String clientName) {
        return new Caller(address, Optional.of(clientName));
    }

    /** The key per-client budgets are kept under: the name when known, else the source address. */
    public String budgetKey() {
        return name.map(n -> "client:" + n).orElseGet(() -> "address:" + address.getHostAddress());
    }
}
