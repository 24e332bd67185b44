export default { app: {}, scenarios: {} };
