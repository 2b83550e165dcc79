package io.altokit.server.protection;

import io.altokit.server.privacy.PrivacyPolicy;

/**
 * What one caller is shown: the resources its access grants, under its privacy policy's view of
 * the network. Callers with equal views are answered from one catalog, built for each view when a
 * snapshot is published, whose directory lists only what the view shows.
 */
public record CallerView(Grant grant, PrivacyPolicy privacy) {

    /** Everything as configured: the view without access rules and privacy policies. */
    public static final CallerView FULL = new CallerView(Grant.ALL, PrivacyPolicy.FULL);
}
