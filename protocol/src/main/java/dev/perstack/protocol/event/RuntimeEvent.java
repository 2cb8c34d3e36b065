package dev.perstack.protocol.event;

/** Something the runtime around the loop did, such as starting a skill (8 kinds). */
public sealed interface RuntimeEvent extends PerstackEvent
    permits InitializeRuntime,
        SkillStarting,
        SkillConnected,
        SkillStderr,
        SkillDisconnected,
        DockerBuildProgress,
        DockerContainerStatus,
        ProxyAccess {}
