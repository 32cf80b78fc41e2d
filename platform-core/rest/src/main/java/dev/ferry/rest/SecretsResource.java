package dev.ferry.rest;

import dev.ferry.platform.api.SecretService;
import io.swagger.v3.oas.annotations.Operation;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** The key that encrypts secret configs at rest. */
@Path("/secrets")
@Produces(MediaType.APPLICATION_JSON)
public class SecretsResource {

    private final SecretService secrets;

    SecretsResource(SecretService secrets) {
        this.secrets = secrets;
    }

    /** A new key, every secret config re-encrypted under it, the old key forgotten: {@code {"key","values"}}. */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/rotate")
    @Operation(summary = "Rotate the key of secret configs")
    public SecretService.Rotation rotate(@Context SecurityContext security) {
        return secrets.rotate(Actors.of(security));
    }
}
