package io.altokit.provision.bgp.message;

/** KEEPALIVE: a bare header. */
public record Keepalive() implements BgpMessage {

    public static final Keepalive INSTANCE = new Keepalive();

    @Override
    public int type() {
        return KEEPALIVE;
    }
}
