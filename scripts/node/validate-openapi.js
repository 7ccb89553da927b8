// Validates each file given with @apidevtools/swagger-parser (Swagger 2.0 and OpenAPI 3.0/3.1):
// prints "ok FILE" or "invalid FILE: reason" per file; exits 1 when any is invalid.
const SwaggerParser = require('@apidevtools/swagger-parser');
(async () => {
  let bad = 0;
  for (const file of process.argv.slice(2)) {
    try {
      await SwaggerParser.validate(file);
      console.log(`ok ${file}`);
    } catch (e) {
      bad += 1;
      console.log(`invalid ${file}: ${String(e.message).split('\n').slice(0, 3).join(' | ')}`);
    }
  }
  process.exit(bad ? 1 : 0);
})();
