/** Amazon Bedrock through the AWS SDK's ConverseStream API, for every model Bedrock serves. */
package dev.perstack.controlplane.gateway.bedrock;
