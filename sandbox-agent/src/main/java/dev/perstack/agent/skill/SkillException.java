package dev.perstack.agent.skill;

/** A skill could not be started or could not list its tools. */
public class SkillException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String skillName;

  public SkillException(String skillName, String message, Throwable cause) {
    super("skill " + skillName + ": " + message, cause);
    this.skillName = skillName;
  }

  public SkillException(String skillName, String message) {
    this(skillName, message, null);
  }

  public String skillName() {
    return skillName;
  }
}
