//! Setting up a new database (catalogue, province root, first ADMIN) and the server's
//! signing secret, generated once and kept in the database so that restarts and other
//! instances share it.

use super::{catalogue, units, users};
use crate::db::Db;
use crate::db::entities::{setting, unit};
use crate::domain::input::{self, Code};
use crate::error::{ServiceError, ServiceResult};
use base64::Engine;
use rand::RngCore;
use sea_orm::{EntityTrait, PaginatorTrait, Set};
use secrecy::SecretString;
use shared::{Role, UnitKind};

const JWT_SECRET_KEY: &str = "jwt_secret";

/// What `chitieu setup` needs.
#[derive(Debug, Clone)]
pub struct SetupCommand {
    pub province_code: String,
    pub province_name: String,
    pub admin_username: String,
    pub admin_password: String,
}

/// Whether the database already has a province.
pub async fn is_set_up(db: &Db) -> ServiceResult<bool> {
    Ok(unit::Entity::find().count(db.conn()).await? > 0)
}

/// Loads the catalogue, creates the province root and the first ADMIN; refuses when the
/// database is already set up.
pub async fn setup(db: &Db, cmd: SetupCommand) -> ServiceResult<()> {
    let code = Code::parse("provinceCode", &cmd.province_code)?;
    let name = input::name("provinceName", &cmd.province_name)?;
    input::username("adminUsername", &cmd.admin_username)?;
    input::new_password("adminPassword", &cmd.admin_password)?;
    if is_set_up(db).await? {
        return Err(ServiceError::conflict("this database is already set up"));
    }
    let txn = db.write().await?;
    catalogue::load_defaults(&*txn).await?;
    let root = units::create_in(&*txn, None, code, name, UnitKind::Province, None).await?;
    txn.commit().await?;
    users::create_unchecked(
        db,
        None,
        users::NewUser {
            username: cmd.admin_username,
            password: cmd.admin_password,
            role: Role::Admin,
            unit_id: root.id,
            staff_id: None,
        },
    )
    .await?;
    Ok(())
}

/// The signing secret kept in the database, created on first use. Concurrent first starts
/// agree: the first insert wins and everyone reads it back.
pub async fn stored_jwt_secret(db: &Db) -> ServiceResult<SecretString> {
    if let Some(row) = setting::Entity::find_by_id(JWT_SECRET_KEY.to_owned())
        .one(db.conn())
        .await?
    {
        return Ok(SecretString::from(row.value));
    }
    let mut bytes = [0u8; 48];
    rand::rng().fill_bytes(&mut bytes);
    let fresh = base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes);
    setting::Entity::insert(setting::ActiveModel {
        key: Set(JWT_SECRET_KEY.to_owned()),
        value: Set(fresh),
    })
    .on_conflict_do_nothing_on([setting::Column::Key])
    .exec(db.conn())
    .await?;
    let row = setting::Entity::find_by_id(JWT_SECRET_KEY.to_owned())
        .one(db.conn())
        .await?
        .ok_or_else(|| anyhow::anyhow!("the signing secret could not be stored"))?;
    Ok(SecretString::from(row.value))
}
