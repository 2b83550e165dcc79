package io.altokit.provision.mrt;

import io.altokit.provision.mrt.MrtStats.Skip;

/** Where a record decoder puts the routes it found and what it had to skip. */
interface RecordSink {

    void route(MrtRoute route);

    void skip(Skip reason);
}
