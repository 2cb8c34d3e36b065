package dev.perstack.controlplane.api;

import dev.perstack.controlplane.store.PostgresTestProfile;
import dev.perstack.controlplane.store.RequiresPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.extension.ExtendWith;

/** The same API suite with the jobs stored in PostgreSQL (the database chosen by configuration). */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
@ExtendWith(RequiresPostgres.class)
class JobsApiPostgresTest extends JobsApiTest {}
