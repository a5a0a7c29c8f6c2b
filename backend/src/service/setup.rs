//! Setting up a new database: the catalogue, the province root and the first ADMIN.

use super::{catalogue, units, users};
use crate::db::{self, Db};
use crate::domain::input::{self, Code};
use crate::error::{ServiceError, ServiceResult};
use shared::{Role, UnitKind};

/// What `chitieu setup` needs.
#[derive(Debug, Clone)]
pub struct SetupCommand {
    /// Code of the province root.
    pub province_code: String,
    /// Name of the province root.
    pub province_name: String,
    /// Login name of the first ADMIN.
    pub admin_username: String,
    /// Password of the first ADMIN.
    pub admin_password: String,
    /// The catalogue to load.
    pub catalogue: crate::domain::catalogue::Preset,
}

/// Whether the database already has a province.
pub async fn is_set_up(db: &Db) -> ServiceResult<bool> {
    Ok(db::units::any(db.conn()).await?)
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
    catalogue::load_preset(&*txn, cmd.catalogue).await?;
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
