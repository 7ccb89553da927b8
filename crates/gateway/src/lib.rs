//! A local API gateway from an OpenAPI definition: `oaskit serve`.
//!
//! The gateway answers requests from the definition itself (mock mode), forwards them to a
//! backend while validating both directions (validating proxy), and applies what AWS API
//! Gateway reads from `x-amazon-apigateway-*` extensions and a small configuration file: API
//! keys, usage plans with throttling and quotas, stage and method throttling, caching, gateway
//! responses, CORS, MOCK/HTTP/HTTP_PROXY integrations, and JWT authorizers.
//!
//! Routing and validation are oaskit-validator's; the gateway adds none of its own.
//!
//! ```no_run
//! use std::sync::Arc;
//! use oaskit_gateway::{Config, Definition, Gateway, GatewayOptions, Server};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let loaded = oaskit_core::load_file("api.yaml", &oaskit_core::LoadOptions::new());
//! let config = Config::default();
//! let definition = Definition::new(loaded, &config, false)?;
//! let gateway = Arc::new(Gateway::new(definition, config, GatewayOptions::new()));
//! let server = Server::bind("127.0.0.1:0".parse()?, gateway).await?;
//! println!("listening on http://{}", server.local_addr()?);
//! server.run(std::future::pending()).await?;
//! # Ok(()) }
//! ```
//!
//! Time comes from a [`Clock`]: tests inject a [`ManualClock`] and move it forward instead of
//! sleeping through throttle refills, quota periods and cache lifetimes.

mod answer;
mod cache;
mod clock;
pub mod codes;
mod config;
mod definition;
mod gateway;
mod generate;
mod jwt;
mod limits;
mod log;
mod mapping;
mod mock;
mod negotiate;
mod pattern;
mod problem;
mod proxy;
mod server;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{
    ApiKey, CacheSettings, Config, ConfigErrors, MethodSettings, Period, Quota, Stage, Target,
    Throttle, UsagePlan,
};
pub use definition::{Definition, DefinitionError};
pub use gateway::{Gateway, GatewayOptions, Logger, Validate};
pub use generate::Direction;
pub use jwt::{Jwks, Requirements};
pub use server::Server;
