package io.altokit.app;

import io.altokit.app.config.ConfigNode;
import io.altokit.server.protection.Guard;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.ReplyDecorator;
import io.altokit.server.protection.access.AccessRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the protection layer from the top-level sections of the YAML file (docs/security.md).
 * Files named there are relative to the network file's directory.
 */
final class ProtectionSettings {

    private ProtectionSettings() {
    }

    /** @param offeredResources the ids of the resources the server offers, for the access rules to name */
    static Protection read(ConfigNode root, Set<String> offeredResources) {
        List<Guard> guards = new ArrayList<>();
        List<ReplyDecorator> decorators = new ArrayList<>();
        // Order matters: authentication names the caller first, so that access rules, rate limits and
        // privacy budgets can key on the client's name rather than only on its address.
        AuthSettings.read(root).ifPresent(guards::add);
        Optional<AccessRules> access = AccessSettings.read(root, offeredResources);
        access.ifPresent(guards::add);
        RateLimitSettings.read(root).ifPresent(guards::add);
        PrivacySettings privacy = PrivacySettings.read(root);
        privacy.budget().ifPresent(guards::add); // last: it counts per caller as the guards before named it
        // Signing comes last among the decorators: it covers the answer as the others left it.
        SigningSettings.read(root).ifPresent(decorators::add);
        return new Protection(guards, decorators, privacy.policies(), access);
    }
}
