// Fake tokens of the real shapes, built here so that no scanner mistakes this file for a leak.
export const rep = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
export const FAKE = {
  anthropic: `sk-ant-api03-${rep("Zx9_Qw-7", 93)}AA`,
  openaiProject: `sk-proj-${rep("Ab3dE_f9-", 74)}`,
  openaiLegacy: `sk-${rep("Qw3Er", 20)}T3BlbkFJ${rep("Ty7Ui", 20)}`,
  github: `ghp_${rep("a1B2c3D4", 36)}`,
  githubOauth: `gho_${rep("Z9y8X7", 36)}`,
  githubFine: `github_pat_${rep("11ABCDE0_x", 82)}`,
  gitlab: `glpat-${rep("Xy3_z-", 20)}`,
  aws: `AKIA${rep("Q2W3E4R5T6Y7U", 16)}`,
  slack: `xoxb-${rep("1234567890-", 40)}`,
  slackApp: `xapp-1-${rep("A1B2C3-", 30)}`,
  slackWebhook: `https://hooks.slack.com/services/${rep("T0AB1CD2E/B3FG4", 40)}`,
  google: `AIza${rep("Sy_9aB-c", 35)}`,
  stripe: `sk_live_${rep("51Hx2Yz", 24)}`,
  npm: `npm_${rep("Ab1Cd2", 36)}`,
  huggingface: `hf_${rep("AbCdEf", 34)}`,
  jwt: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${rep("dBjftJeZ4CVP", 43)}`,
};
