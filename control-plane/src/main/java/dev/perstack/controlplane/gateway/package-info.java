/**
 * The model gateway: answers the sandbox agent's generation requests by calling the job's model
 * provider with credentials that never leave the control plane, retrying, timing, counting usage
 * and cost, and recording every exchange.
 *
 * <pre>{@code
 * ModelGateway gateway =
 *     new ModelGateway(
 *         ModelProviders.standard(), PriceTable.bundled(), new InMemoryExchangeRecorder(),
 *         GatewayOptions.DEFAULTS);
 * gateway.bind(jobId, new JobModel(config.provider(), "claude-sonnet-4-5",
 *     ProviderEnvironment.load(System.getenv(), workspace, List.of(".env", ".env.local")),
 *     Duration.ofMinutes(5)));
 * GenerationResponse response = gateway.generate(jobId, request, delta -> send(delta));
 * }</pre>
 */
package dev.perstack.controlplane.gateway;
